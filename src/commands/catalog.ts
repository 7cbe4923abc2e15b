/**
 * The command catalog the CLI routes with (core/command.ts's CommandCatalog), read from the
 * registry. This module serves tests and development; the production build swaps it for one
 * generated from the same registry (scripts/command-catalog.ts) whose load() imports only the
 * named command's home, so a cold start does not load every command's declaration.
 */
import type { CommandCatalog, CommandDefinition } from '../core/command.js';
import { commands } from './index.js';

export const catalog: CommandCatalog = {
  names: commands.map((c) => c.name),
  load: async (name) => commands.find((c) => c.name === name) as CommandDefinition<any, any>,
  all: async () => commands,
};
