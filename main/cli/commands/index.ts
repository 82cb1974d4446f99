/** Every `classe` sub-command registers itself here. */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerInfo } from './info';
import { registerProfile } from './profile';
import { registerReport } from './report';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerInfo(program, ctx);
  registerProfile(program, ctx);
  registerReport(program, ctx);
}
