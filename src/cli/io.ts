/** What a command writes to, and the shape of a command: shared by main.ts and every command module. */
import type { Args } from './args';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

export type Command = (args: Args, io: Io) => Promise<number>;
