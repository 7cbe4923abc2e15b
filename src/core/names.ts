/** Naming rules shared by the CLI parser, the module generator and the docs. */

/** PascalCase property name → CLI flag: EnableLoginByWam → enable-login-by-wam, ARMEndpoint → arm-endpoint. */
export function toFlag(property: string): string {
  return property
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** Tenant, subscription, object and client ids are GUIDs. */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const GUID_RE = new RegExp(GUID_PATTERN);
export const isGuid = (value: string): boolean => GUID_RE.test(value);
