/**
 * The catalogue of the template reader's input checks, in the order of the README's table of codes
 * (generated from this list by scripts/codes-table.ts). Each module holds its checks' meta, messages and
 * check functions; a new check is added to its module and listed here.
 */
import * as additions from './additions';
import * as cells from './cell-values';
import * as county from './county';
import type { Check, CheckSeverity } from './define';
import * as header from './header';
import * as merges from './merges';
import * as rows from './rows';
import * as school from './school';
import * as sheets from './sheets';
import * as stageRow from './stage-row';
import * as stages from './stages';

export const CHECKS = [
  // Cell values
  cells.textNumber,
  cells.notANumber,
  cells.formulaError,
  cells.formulaNoValue,
  cells.dateValue,
  cells.numberTooLarge,
  cells.negativeNumber,
  cells.notWholeNumber,
  stageRow.notPositive,
  cells.badEnum,
  rows.requiredBlank,
  cells.codeAsNumber,
  cells.invisibleCharacters,
  cells.codeFullWidth,
  cells.nearWholeNumber,
  // Rows and columns
  rows.missingCode,
  rows.footerRow,
  rows.extraColumnsOnly,
  header.duplicateColumn,
  header.moneyUnitMissing,
  merges.mergedCells,
  merges.mergedNumber,
  merges.mergesUnchecked,
  sheets.duplicateSheet,
  sheets.strayContent,
  header.missingOptionalColumn,
  header.headerWithoutUnit,
  rows.duplicateCode,
  rows.noSchools,
  // Cross-field and cross-sheet checks
  school.studentsRequired,
  school.studentsNotInType,
  school.subareaExceeds,
  school.migrantExceeds,
  school.moneyScaleDoubtful,
  school.areaDoubtful,
  stages.unknownCode,
  stages.stageNotInType,
  stages.duplicateStageRow,
  stages.missingStageRow,
  stages.specialSchoolRow,
  stageRow.degreeSumMismatch,
  stageRow.backboneExceeds,
  stageRow.artsExceed,
  stageRow.certifiedExceeds,
  stageRow.trainedExceeds,
  stageRow.zonedExceeds,
  stageRow.teachersDoubtful,
  additions.ownerTypeMismatch,
  additions.gradesOutOfRange,
  additions.oversizeClassesExceed,
  additions.oversizeClassesInconsistent,
  additions.maxClassBelowAverage,
  // 县级指标
  sheets.missingCountySheet,
  header.missingCountyHeader,
  county.unknownCountyRow,
  county.duplicateCountyRow,
  county.percentAsFraction,
  county.percentOver100,
  county.ratioOutOfRange,
  county.conclusionNotUsed,
  additions.countyInconsistent,
  additions.countyRowsDisagree,
  additions.countyValueImplausible,
  additions.staffBelowTeachers,
  additions.computedRateOver100,
  // Fatal: the workbook cannot be read as the template (exit status 2)
  header.missingHeaderRow,
  sheets.missingSheet,
  sheets.ambiguousSheet,
  header.missingColumn,
] as const;

export type ReaderCode = (typeof CHECKS)[number]['meta']['code'];

/** The reader's codes with their severity and meaning. */
export const READER_CODES = Object.fromEntries(CHECKS.map((c) => [c.meta.code, { severity: c.meta.severity, meaning: c.meta.meaning }])) as Record<
  ReaderCode,
  { severity: CheckSeverity; meaning: string }
>;

export type { Check };
