/** Why certificate-signing-request input could not be read, in a form code can branch on. */
export type CsrFormatProblem = 'empty' | 'too-large' | 'not-a-csr' | 'truncated' | 'multiple-requests' | 'malformed' | 'unsupported';

/**
 * Raised for CSR input that cannot be read (the CSR counterpart of CertificateFormatError). `reason` is for
 * the person who supplied the file; `problem` is for code. A CSR that reads fine but whose signature does
 * not verify is not an error: parseCsr reports it as `signatureValid: false`.
 */
export class CsrFormatError extends Error {
  constructor(
    readonly problem: CsrFormatProblem,
    readonly reason: string,
  ) {
    super(`Certificate signing request could not be read: ${reason}`);
    this.name = 'CsrFormatError';
  }
}
