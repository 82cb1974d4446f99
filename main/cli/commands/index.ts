/** Every `classe` sub-command registers itself here. */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerInfo } from './info';
import { registerProfile } from './profile';
import { registerReport } from './report';
import { registerScan } from './scan';
import { registerProjector } from './projector';
import { registerSimulate } from './simulate';
import { registerCast } from './cast';
import { registerDisplay } from './display';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerInfo(program, ctx);
  registerProfile(program, ctx);
  registerReport(program, ctx);
  registerScan(program, ctx);
  registerProjector(program, ctx);
  registerSimulate(program, ctx);
  registerCast(program, ctx);
  registerDisplay(program, ctx);
}
