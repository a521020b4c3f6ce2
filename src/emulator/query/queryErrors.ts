/** The Log Analytics query API's errors: the swagger's errorResponse `{"error":{code,message,innererror?}}`. */
export interface QueryErrorInfo {
  code: string;
  message: string;
  innererror?: QueryErrorInfo;
}

export class QueryApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innererror?: QueryErrorInfo,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'QueryApiError';
  }

  toBody(): { error: QueryErrorInfo } {
    return { error: { code: this.code, message: this.message, ...(this.innererror ? { innererror: this.innererror } : {}) } };
  }
}

export const INVALID_PROPERTIES = 'The request had some invalid properties';

/** A 400 as Log Analytics words it: BadArgumentError, with the specific problem inside. */
export const badArgument = (innerCode: string, innerMessage: string): QueryApiError =>
  new QueryApiError(400, 'BadArgumentError', INVALID_PROPERTIES, { code: innerCode, message: innerMessage });
