// Stands in for node:fs, node:path and node:module in the offline page's bundles: the command-line code
// the worker shares (exceljs writing, annotate) reaches them only on paths the page never takes.
module.exports = {};
