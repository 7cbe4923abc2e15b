/** The command registry: every command MyAccount has, in the order help lists them. */
import type { CommandDefinition } from '../core/command.js';
import addEnvironment from './add-environment.js';
import clearConfig from './clear-config.js';
import clearContext from './clear-context.js';
import connect from './connect.js';
import disconnect from './disconnect.js';
import { emulatorEnv, emulatorReset, emulatorStart, emulatorStatus, emulatorStop } from './emulator.js';
import exportConfig from './export-config.js';
import getAccessToken from './get-access-token.js';
import getConfig from './get-config.js';
import getContext from './get-context.js';
import getEnvironment from './get-environment.js';
import getSubscription from './get-subscription.js';
import getTenant from './get-tenant.js';
import importConfig from './import-config.js';
import removeContext from './remove-context.js';
import removeEnvironment from './remove-environment.js';
import renameContext from './rename-context.js';
import selectContext from './select-context.js';
import setContext from './set-context.js';
import setEnvironment from './set-environment.js';
import updateConfig from './update-config.js';

export const commands: readonly CommandDefinition<any, any>[] = [
  connect,
  disconnect,
  getAccessToken,
  getSubscription,
  getTenant,
  getContext,
  setContext,
  selectContext,
  renameContext,
  removeContext,
  clearContext,
  getConfig,
  updateConfig,
  clearConfig,
  exportConfig,
  importConfig,
  getEnvironment,
  addEnvironment,
  setEnvironment,
  removeEnvironment,
  emulatorStart,
  emulatorStop,
  emulatorStatus,
  emulatorReset,
  emulatorEnv,
];
