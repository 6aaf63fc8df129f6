// Package reports is the home of the report writers, one package per
// medium, each an adapter that speaks scoring's types and imports no other
// adapter:
//
//   - reports/html: the overview and the profiles (pages, charts, assets,
//     templates and their texts), offline, with go-echarts;
//   - reports/xlsx: the analyst workbook and the questionnaire template,
//     with excelize;
//   - reports/csv: the tidy CSV files — scores, rejects, aggregates,
//     indicators, robustness, roadmap — with gocsv, and formula-safe text;
//   - reports/pdf: pages printed to PDF through headless Chromium;
//   - reports/opendata: the open data folder's metadata (DCAT-AP.de) and
//     README.
//
// What every medium must agree on lives in the core: which group figures
// may be published (scoring.Disclosure) and the language of generated
// texts (scoring.Language). The cell layout of the questionnaire workbook,
// which survey reads back, is the top-level package questionnaire.
//
// This package holds no code: its tests check the media together, as a
// reader of all published files would see them (disclosure_test.go).
package reports
