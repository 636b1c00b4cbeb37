/**
 * A typed in-memory fake of the part of the Excel JavaScript API the add-in uses. Used by the tests of
 * src/hosts/excel/ and by the browser preview: build a FakeWorkbook, install the globals, run the adapter.
 */
export { FakeWorkbook } from './state';
export type { FakeCellView, FakeChange, FakeCommentOptions, FakeSheetInfo, FakeSnapshot, PageSetup, SheetVisibility } from './state';
export { createFakeOffice, installFakeOffice, uninstallFakeOffice, DEFAULT_REQUEST_LIMIT } from './office';
export type { FakeOfficeGlobals, FakeOfficeOptions, FakeAsyncResult } from './office';
export { FakeOfficeError, FakeErrorCodes } from './errors';
export type { FakeErrorCode } from './errors';
export {
  FakeRequestContext, FakeClientObject, FakeCollection, FakeClientResult, FakeWorkbookObject, FakeWorkbookProtection,
  FakeWorksheetCollection, FakeWorksheet, FakeWorksheetProtection, FakeWorksheetFreezePanes, FakePageLayout, FakePageBreakCollection, FakeRange, FakeRangeAreas,
  FakeRangeCollection, FakeRangeFormat, FakeRangeFill, FakeRangeFont, FakeRangeBorderCollection, FakeRangeBorder,
  FakeNoteCollection, FakeNote, FakeCommentCollection, FakeComment, FakeCommentReplyCollection, FakeCommentReply, utf8Length,
} from './proxies';
