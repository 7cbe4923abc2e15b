/** Types of platform.cjs (plain CommonJS, since jest.config.cjs reads it too). */
export declare function chromiumPath(): string;
export declare const notHere: Record<string, string>;
