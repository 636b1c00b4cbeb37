/**
 * Typed parsing of single cells: numbers, numbers stored as text, enumerations. The parsers live with the
 * checks of cell values (src/template/checks/cell-values.ts), whose messages they return.
 */
export {
  invisibleIn,
  invisibleName,
  isBlank,
  isErrorValue,
  MAX_NUMBER,
  parseCode,
  parseEnum,
  parseNumber,
  parseText,
  parseYesNo,
  ZERO_WIDTH,
  type Parsed,
} from './checks/cell-values';
