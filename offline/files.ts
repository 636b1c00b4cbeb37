/** Saving a file from the page (the same names as the preview's). */

/** Offers a Blob as a download. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * 「示例县.xlsx」 → 「示例县（已标注）.xlsx」; a workbook with macros keeps them in an .xlsm (Excel refuses a
 * macro-enabled workbook named .xlsx).
 */
export function annotatedName(name: string, macros = false): string {
  return `${name.replace(/\.(xlsx|xlsm|xltx|xltm)$/i, '')}（已标注）.${macros ? 'xlsm' : 'xlsx'}`;
}

/** 「示例县.xlsx」 → 「示例县（申报表）.xlsx」 (the 「下载申报表」 file). */
export function shenbaoName(name: string): string {
  return `${name.replace(/\.(xlsx|xlsm|xltx|xltm)$/i, '')}（申报表）.xlsx`;
}
