/**
 * Errors of the fake Excel, shaped like OfficeExtension.Error: `code`, `message`, `debugInfo`, and the
 * messages the real runtime uses (copied from office.js strings, en-US).
 */

export const FakeErrorCodes = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  inactiveWorkbook: 'InactiveWorkbook',
  invalidArgument: 'InvalidArgument',
  invalidObjectPath: 'InvalidObjectPath',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidRequestContext: 'InvalidRequestContext',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  notImplemented: 'NotImplemented',
  propertyNotLoaded: 'PropertyNotLoaded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  valueNotLoaded: 'ValueNotLoaded',
} as const;

export type FakeErrorCode = (typeof FakeErrorCodes)[keyof typeof FakeErrorCodes];

const LIMITS_DOC = 'https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins';

const MESSAGES: Record<FakeErrorCode, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel. See the "Excel JavaScript API requirement sets" article for more information.',
  GeneralException: 'There was an internal error while processing the request.',
  // Excel.ErrorCodes.inactiveWorkbook (https://learn.microsoft.com/javascript/api/excel/excel.errorcodes); the meaning as
  // "Error handling with the application-specific JavaScript APIs" gives it (office.js carries no text for it).
  InactiveWorkbook: 'The operation failed because multiple workbooks are open and the workbook being called by this API has lost focus.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidObjectPath: "The object path '{0}' isn't working for what you're trying to do. If you're using the object across multiple \"context.sync\" calls and outside the sequential execution of a \".run\" batch, please use the \"context.trackedObjects.add()\" and \"context.trackedObjects.remove()\" methods to manage the object's lifetime.",
  InvalidOperation: 'The operation is invalid for the object.',
  // The text of office.js 1.1.110 (excel-web-16.00.debug.js).
  InvalidOperationInCellEditMode: 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  ItemAlreadyExists: 'The resource being created already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  // What Excel 2104 answered to comments.add although it reported ExcelApi 1.10 (https://github.com/OfficeDev/office-js/issues/1847).
  NotImplemented: 'This operation is not implemented.',
  PropertyNotLoaded: "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  // Excel.ErrorCodes.rangeExceedsLimit; the meaning as "Error handling with the application-specific JavaScript APIs" gives it.
  RangeExceedsLimit: 'The cell count in the range has exceeded the maximum supported number.',
  RequestPayloadSizeLimitExceeded: `The request payload size has exceeded the limit. Please refer to the documentation: "${LIMITS_DOC}".`,
  ResponsePayloadSizeLimitExceeded: `The response payload size has exceeded the limit. Please refer to the documentation: "${LIMITS_DOC}".`,
  ValueNotLoaded: 'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
};

/** What the real runtime throws (OfficeExtension.Error): name 'RichApi.Error', a code, a message, debug info. */
export class FakeOfficeError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(code: FakeErrorCode, detail?: { arg?: string; location?: string }) {
    const message = MESSAGES[code].replace('{0}', detail?.arg ?? '');
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(detail?.location ? { errorLocation: detail.location } : {}) };
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function fakeError(code: FakeErrorCode, location?: string, arg?: string): FakeOfficeError {
  return new FakeOfficeError(code, { location, arg });
}
