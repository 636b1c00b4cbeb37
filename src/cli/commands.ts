/** The file-writing commands (annotate, template, sample), registered by name. */
import type { Args } from './args';
import type { Io } from './main';

export type Command = (args: Args, io: Io) => Promise<number>;

export const commands: Record<string, Command> = {};
