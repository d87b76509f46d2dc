/** Thrown for corrupt, unsafe or unsupported .xlsx input. Messages are English lowercase and name the file. */
export class XlsxFormatError extends Error {
  constructor(message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = "XlsxFormatError";
  }
}

/** Builds an XlsxFormatError whose message starts with the file name. */
export function formatError(file: string, problem: string, cause?: unknown): XlsxFormatError {
  return new XlsxFormatError(`${file}: ${problem}`, cause === undefined ? undefined : {cause});
}
