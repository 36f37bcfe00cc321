/**
 * The WHATWG Encoding API, which browsers and Node both provide as globals: the one platform API
 * the browser-safe model uses (reading files' bytes). Declared here because the model compiles
 * with neither the DOM library nor Node's types; only what the model calls.
 */
declare global {
  interface TextDecoderOptions {
    fatal?: boolean;
    ignoreBOM?: boolean;
  }
  class TextDecoder {
    constructor(label?: string, options?: TextDecoderOptions);
    decode(input?: Uint8Array): string;
  }
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
}
export {};
