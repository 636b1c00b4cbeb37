/** The file-writing commands (annotate, template, sample, shenbao), registered by name. */
import { annotateCommand } from './annotate';
import type { Command } from './io';
import { sampleCommand } from './sample';
import { shenbaoCommand } from './shenbao';
import { templateCommand } from './template-writer';

export type { Command };

export const commands: Record<string, Command> = {
  annotate: annotateCommand,
  template: templateCommand,
  sample: sampleCommand,
  shenbao: shenbaoCommand,
};
