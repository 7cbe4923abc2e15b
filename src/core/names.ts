/** Naming rules shared by the CLI parser, the module generator and the docs. */

/** PascalCase property name → CLI flag: EnableLoginByWam → enable-login-by-wam, ARMEndpoint → arm-endpoint. */
export function toFlag(property: string): string {
  return property
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}
