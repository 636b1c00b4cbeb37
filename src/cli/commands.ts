/**
 * The file-writing commands (annotate, template, sample, shenbao), registered by name. Each is loaded when it
 * runs: they need exceljs (the template writer), which `validate` never does, so a validation does not pay
 * for loading it (about a tenth of a second, more on a busy machine).
 */
import type { Command } from './io';

export type { Command };

export const commands: Record<string, () => Promise<Command>> = {
  annotate: async () => (await import('./annotate')).annotateCommand,
  template: async () => (await import('./template-writer')).templateCommand,
  sample: async () => (await import('./sample')).sampleCommand,
  shenbao: async () => (await import('./shenbao')).shenbaoCommand,
};
