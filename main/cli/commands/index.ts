/** Every `classe` sub-command registers itself here. */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerInfo } from './info';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerInfo(program, ctx);
}
