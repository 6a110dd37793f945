// The parts of sm-crypto (no published types for 0.5) that the tests and examples use as an
// independent SM2/SM3 implementation to check ours against.
declare module 'sm-crypto' {
  interface SignatureOptions {
    der?: boolean;
    hash?: boolean;
    publicKey?: string;
    userId?: string;
  }
  const smCrypto: {
    sm2: {
      doSignature(message: string | number[], privateKeyHex: string, options?: SignatureOptions): string;
      doVerifySignature(message: string | number[], signatureHex: string, publicKeyHex: string, options?: SignatureOptions): boolean;
      getPublicKeyFromPrivateKey(privateKeyHex: string): string;
    };
    sm3(message: string | number[], options?: { key: string | number[]; mode?: 'hmac' }): string;
    sm4: {
      encrypt(data: string | number[], keyHex: string, options?: { padding?: string; mode?: 'ecb' | 'cbc'; iv?: string; output?: 'string' | 'array' }): string | number[];
    };
  };
  export default smCrypto;
}
