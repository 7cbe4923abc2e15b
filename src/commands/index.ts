/** The command registry: every command MyAccount has, in the order help lists them. */
import type { CommandDefinition } from '../core/command.js';
import { accountCommands } from './account/command.js';
import addEnvironment from './add-environment/command.js';
import clearConfig from './clear-config/command.js';
import clearContext from './clear-context/command.js';
import { completionCommands } from './completion/command.js';
import connect from './connect/command.js';
import { autosaveCommands } from './context-autosave/command.js';
import disconnect from './disconnect/command.js';
import { emulatorAz } from './emulator/az.js';
import { emulatorEnv, emulatorReset, emulatorStart, emulatorStatus, emulatorStop } from './emulator/command.js';
import exec from './exec/command.js';
import exportConfig from './export-config/command.js';
import getAccessToken from './get-access-token/command.js';
import getConfig from './get-config/command.js';
import getContext from './get-context/command.js';
import getEnvironment from './get-environment/command.js';
import getSubscription from './get-subscription/command.js';
import getTenant from './get-tenant/command.js';
import importConfig from './import-config/command.js';
import login from './login/command.js';
import logout from './logout/command.js';
import removeContext from './remove-context/command.js';
import removeEnvironment from './remove-environment/command.js';
import renameContext from './rename-context/command.js';
import rest from './rest/command.js';
import saveContext from './save-context/command.js';
import importContext from './import-context/command.js';
import selectContext from './select-context/command.js';
import setContext from './set-context/command.js';
import setEnvironment from './set-environment/command.js';
import updateConfig from './update-config/command.js';

export const commands: readonly CommandDefinition<any, any>[] = [
  connect,
  disconnect,
  getAccessToken,
  exec,
  getSubscription,
  getTenant,
  rest,
  getContext,
  setContext,
  selectContext,
  renameContext,
  removeContext,
  clearContext,
  saveContext,
  importContext,
  ...autosaveCommands,
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
  emulatorAz,
  // az's spellings (CLI-only): login, logout and account …, over the commands above.
  login,
  logout,
  ...accountCommands,
  ...completionCommands(() => commands),
];
