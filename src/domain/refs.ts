/** A reference to one input cell, by sheet role, 0-based row and field; the template Layout turns it into A1. */
export type SheetRole = 'schools' | 'stages' | 'county';

export interface CellRef {
  sheet: SheetRole;
  row: number;
  /** A field of the sheet's schema, or 'value' for the 数值 column of 「县级指标」. */
  field: string;
}
