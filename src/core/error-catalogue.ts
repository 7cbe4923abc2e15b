/**
 * Every error code MyAccount reports, with its PowerShell ErrorCategory and exit code, once. The
 * factories in errors.ts are made from this table, so a code cannot be raised with another
 * category or exit code somewhere else, and the README's error table is generated from it.
 */
/** PowerShell `System.Management.Automation.ErrorCategory` names the module maps errors onto. */
export type ErrorCategory =
  | 'NotSpecified'
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'ObjectNotFound'
  | 'ResourceExists'
  | 'ResourceUnavailable'
  | 'ResourceBusy'
  | 'AuthenticationError'
  | 'PermissionDenied'
  | 'SecurityError'
  | 'OperationStopped'
  | 'OperationTimeout'
  | 'ConnectionError'
  | 'ProtocolError'
  | 'ReadError'
  | 'WriteError'
  | 'NotImplemented'
  | 'NotInstalled';

/** Exit codes are part of the public contract; the README lists them. Never renumber. */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  InvalidInput: 2,
  SignInRequired: 3,
  Cancelled: 4,
} as const;
export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];

export interface ErrorSpec {
  category: ErrorCategory;
  exit: Exclude<ExitCodeName, 'Ok'>;
  /** What it means, for the README's table. */
  meaning: string;
}

const input = (meaning: string): ErrorSpec => ({ category: 'InvalidArgument', exit: 'InvalidInput', meaning });
const missing = (meaning: string): ErrorSpec => ({ category: 'ObjectNotFound', exit: 'Failed', meaning });
const failed = (category: ErrorCategory, meaning: string): ErrorSpec => ({ category, exit: 'Failed', meaning });
const signIn = (category: ErrorCategory, meaning: string): ErrorSpec => ({ category, exit: 'SignInRequired', meaning });
const cancelled = (category: ErrorCategory, meaning: string): ErrorSpec => ({ category, exit: 'Cancelled', meaning });

// A function, called once when an error is first raised or described: the table is ~110 objects
// that a command which raises nothing never reads (~2 million instructions of every start).
const catalogue = () =>
  ({
  // Input: a flag, JSON property or value was rejected; nothing was changed.
  InvalidArguments: input('The command line could not be parsed: an unknown command or flag, or a flag without its value.'),
  InvalidInput: input('A value does not match the command\'s schema (type, format, length, allowed values).'),
  InvalidQuery: input('The --query expression is not JMESPath, or cannot be applied to the result.'),
  InvalidJson: input('The JSON input is not valid JSON.'),
  InvalidUtf8: input('The JSON input is not UTF-8 text.'),
  InputFileUnreadable: input('The --input-json file cannot be read.'),
  InputTooLarge: input('The JSON input is larger than MyAccount accepts.'),
  ParameterSetConflict: input('Parameters that cannot be used together were given.'),
  InvalidRequestUri: input('rest: the path or URI is not one a token may be sent to as given (not https, another host than the token\'s audience, credentials in it).'),
  ContextFileInvalid: { category: 'InvalidData', exit: 'InvalidInput', meaning: 'import-context: the file is not a context file save-context wrote (bad JSON, truncated, missing parts, unsafe endpoints); nothing was imported.' },
  ContextFileTooNew: { category: 'InvalidData', exit: 'InvalidInput', meaning: 'import-context: a newer MyAccount wrote the file; nothing was imported.' },
  ContextFileUnreadable: { category: 'ReadError', exit: 'InvalidInput', meaning: 'import-context: the file cannot be read.' },
  PayloadUnreadable: input('rest: the payload file named with @ cannot be read.'),
  ConflictingSignInOptions: input('Sign-in options of different flows were given together.'),
  AccountIdRequired: input('This sign-in needs the account id.'),
  ApplicationIdRequired: input('A service principal sign-in needs the application id.'),
  ServicePrincipalCredentialRequired: input('A service principal sign-in needs a secret, certificate or federated token.'),
  UsernameRequired: input('A password sign-in needs the user name.'),
  PasswordRequired: input('A password sign-in needs the password.'),
  TenantRequired: input('This sign-in needs a tenant.'),
  InvalidTenant: input('The tenant is neither a tenant id nor a domain.'),
  SubscriptionOrTenantRequired: input('set-context needs a subscription or a tenant.'),
  AmbiguousSubscription: input('More than one subscription has that name; give its id.'),
  CertificateUnreadable: input('The certificate file cannot be read or parsed (PEM or PKCS#12, with its password).'),
  ManagedIdentityOtherTenant: input('A managed identity gets tokens for its own tenant only.'),
  UnknownEnvironment: input('No environment has the name given to sign in.'),
  EnvironmentHasNoAuthority: input('The environment has no Microsoft Entra endpoint to sign in with.'),
  EnvironmentHasNoArm: input('The environment has no Resource Manager endpoint.'),
  UnknownResourceType: input('The resource type name is not one MyAccount knows.'),
  ResourceTypeNotInEnvironment: input('The environment has no endpoint for that resource type.'),
  InvalidResourceUrl: input('The resource URL is not an absolute https URL.'),
  InvalidEndpointUrl: input('An endpoint is not an absolute URL.'),
  InsecureEndpointUrl: input('An endpoint is http:// and not on this machine.'),
  InvalidDnsSuffix: input('A DNS suffix is not a host name suffix.'),
  InvalidArmMetadata: input('The Resource Manager metadata document does not describe an environment.'),
  EndpointRequired: input('add-environment needs the endpoints, or a Resource Manager URL to read them from.'),
  BuiltInEnvironment: input('A built-in environment cannot be changed or removed.'),
  NothingToChange: input('set-environment was given nothing to change.'),
  NoSettingGiven: input('update-config was given no setting.'),
  InvalidProcessConfig: input('MYACCOUNT_PROCESS_CONFIG holds something other than settings.'),
  InvalidConfigFile: input('The file to import is not a settings file written by export-config.'),
  DefaultContextRemoval: input('The default context cannot be removed without -Force.'),
  EmulatorInvalidOptions: input('The local cloud was given options it cannot use.'),
  EmulatorInvalidSeed: input('The local cloud\'s seed file is not valid.'),

  // Not found.
  ContextNotFound: missing('No stored context has that name.'),
  ProcessContextNotFound: missing('MYACCOUNT_CONTEXT names a context that is not stored.'),
  AccountNotFound: missing('No signed-in account has that name.'),
  EnvironmentNotFound: missing('No environment has that name.'),
  TenantNotFound: missing('The account has no tenant with that id or domain.'),
  TenantDomainNotFound: missing('No tenant has that domain in the environment.'),
  NoSubscriptionsFound: missing('The signed-in account has no subscription (az login without --allow-no-subscriptions).'),
  SubscriptionIdNotFound: missing('The account has no subscription with that id.'),
  SubscriptionNameNotFound: missing('The account has no subscription with that name.'),
  EmulatorNeverStarted: missing('The local cloud was never started for this state folder.'),
  ExecCommandNotFound: missing('exec was given a command that is not on PATH (or not a file).'),

  // Other failures.
  ContextExists: failed('ResourceExists', 'A context with that name exists already (use -Force to replace it).'),
  EnvironmentExists: failed('ResourceExists', 'An environment with that name exists already.'),
  EnvironmentInUse: failed('InvalidOperation', 'A stored context uses the environment.'),
  FileExists: failed('ResourceExists', 'The file exists already (use -Force to replace it).'),
  ExportFailed: failed('WriteError', 'The export file could not be written.'),
  ImportFileUnreadable: failed('ReadError', 'The file to import cannot be read.'),
  StateDirUnavailable: failed('WriteError', 'The state folder cannot be created or used.'),
  StateReadFailed: failed('ReadError', 'A state file cannot be read (permissions, I/O error).'),
  StateWriteFailed: failed('WriteError', 'A state file cannot be written (permissions, disk full, read-only).'),
  StateSetAsideFailed: failed('WriteError', 'A damaged state file could not be moved aside.'),
  StateLockFailed: failed('WriteError', 'The state folder\'s lock could not be taken.'),
  StateFileCorrupt: failed('InvalidData', 'A state file cannot be parsed; it was kept aside and named.'),
  StateFileTooNew: failed('InvalidData', 'A state file was written by a newer MyAccount.'),
  StateFileIsLink: failed('SecurityError', 'A file in the state folder is a symbolic link; MyAccount never follows links there.'),
  StateDirInsecure: failed('SecurityError', 'The state folder can be written by other users, or belongs to another user (set MYACCOUNT_ALLOW_SHARED_STATE_DIR=1 to allow it).'),
  StateFileInvalid: failed('InvalidData', 'A state file holds a value MyAccount refuses to use (an insecure endpoint, a foreign local cloud record); it is named.'),
  StateLocked: failed('ResourceBusy', 'Another MyAccount process held the state folder\'s lock too long.'),
  SecureTokenCacheUnavailable: failed('ResourceUnavailable', 'No secure store (keyring, Keychain, DPAPI) works, and the plaintext cache is not allowed.'),
  LocalCloudNotRunning: failed('ResourceUnavailable', 'The LocalCloud environment was asked for, and the local cloud is not running.'),
  AuthorityUnreachable: failed('ConnectionError', 'Microsoft Entra ID could not be reached.'),
  AuthenticationFailed: failed('AuthenticationError', 'Microsoft Entra ID refused the sign-in.'),
  InvalidClientCredential: failed('AuthenticationError', 'The service principal\'s secret, certificate or federated token was refused.'),
  SignInThrottled: failed('ResourceBusy', 'Microsoft Entra ID throttled the sign-in.'),
  BrokerNoNetwork: failed('ConnectionError', 'The sign-in broker has no network connection to Microsoft Entra ID.'),
  BrokerServerUnavailable: failed('ResourceUnavailable', 'The sign-in broker reports Microsoft Entra ID temporarily unavailable.'),
  BrokerFailed: failed('AuthenticationError', 'The sign-in broker failed; its status and tag are in details.'),
  BrowserFailed: failed('ResourceUnavailable', 'The browser could not be opened for sign-in.'),
  NoAccount: failed('ProtocolError', 'The sign-in answered without an account.'),
  NoTenantReachable: failed('AuthenticationError', 'Signed in, but no tenant of the account could be read.'),
  ArmUnavailable: failed('ConnectionError', 'Azure Resource Manager kept failing after retries.'),
  ArmAccessDenied: failed('AuthenticationError', 'Azure Resource Manager refused the token (HTTP 401 or 403); its own code is in details.'),
  ArmRequestFailed: failed('InvalidOperation', 'Azure Resource Manager refused the request; its own code is in details.'),
  ArmProtocolError: failed('ProtocolError', 'Azure Resource Manager answered unexpectedly.'),
  ArmMetadataUnavailable: failed('ConnectionError', 'The Resource Manager metadata document could not be read.'),
  ForeignOriginRefused: failed('SecurityError', 'rest: a nextLink, Location or Azure-AsyncOperation URL pointed to another origin, where the token must not go.'),
  OperationFailed: failed('InvalidOperation', 'rest: the long-running operation ended Failed or Canceled; its error is in details.'),
  OperationTimedOut: failed('OperationTimeout', 'rest: the long-running operation did not finish in the time allowed.'),
  FederatedTokenUnreadable: failed('ReadError', 'The federated token file cannot be read.'),
  FederatedTokenEmpty: failed('InvalidData', 'The federated token file is empty.'),
  EmulatorAlreadyRunning: failed('ResourceExists', 'The local cloud is running already for this state folder.'),
  EmulatorRunning: failed('InvalidOperation', 'The local cloud must be stopped first.'),
  EmulatorPortInUse: failed('ResourceBusy', 'The local cloud\'s port is taken by another program.'),
  EmulatorStartFailed: failed('ResourceUnavailable', 'The local cloud did not start; its log is named.'),
  EmulatorStartTimedOut: failed('OperationTimeout', 'The local cloud did not start in time.'),
  ExecCommandNotStarted: failed('InvalidOperation', 'exec could not start the command (not executable, or the system refused).'),
  AutosaveSessionGone: failed('ResourceUnavailable', 'This shell works in an autosave-off session folder that no longer exists; run enable-context-autosave --scope Process.'),
  InternalError: failed('NotSpecified', 'A bug in MyAccount; run again with --debug and report it.'),

  // Sign-in needed.
  SignInRequired: signIn('AuthenticationError', 'No account is signed in, or its sign-in is gone; run connect.'),
  MfaRequired: signIn('AuthenticationError', 'The tenant demands multi-factor authentication; connect to it interactively.'),
  BrokerUnavailable: signIn('ResourceUnavailable', 'The account signed in through the sign-in broker, which cannot be reached here; start it or connect again.'),
  CredentialNotStored: signIn('AuthenticationError', 'The account\'s secret or certificate was not kept; connect again.'),
  AccessTokenExpired: signIn('AuthenticationError', 'The access token given to connect has expired.'),
  AccessTokenOtherTenant: signIn('InvalidOperation', 'The access token given to connect is for another tenant.'),
  AccessTokenOtherResource: signIn('InvalidOperation', 'The access token given to connect is for another resource.'),

  // Cancelled.
  Cancelled: cancelled('OperationStopped', 'Stopped by Ctrl+C or a signal.'),
  SignInCancelled: cancelled('OperationStopped', 'The sign-in was cancelled.'),
  SignInDeclined: cancelled('OperationStopped', 'The person declined the sign-in.'),
  SignInTimedOut: cancelled('OperationTimeout', 'Nobody completed the sign-in in time.'),
  NoSubscriptionSelected: cancelled('OperationStopped', 'The subscription picker was left without a choice.'),
  }) as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof ReturnType<typeof catalogue>;

let made: Readonly<Record<ErrorCode, ErrorSpec>> | undefined;

/** Every error code with its category, exit code and meaning, in the README's order. */
export function errorCatalogue(): Readonly<Record<ErrorCode, ErrorSpec>> {
  return (made ??= catalogue());
}
