// File formats of the LTX world: .prg ball programs, the seed editor's PRG-JSON and .smproj projects.
export * from './format-error.js';
export * from './prg-program.js';
export { decodePrg } from './decode-prg.js';
export { encodePrg } from './encode-prg.js';
export { fitBallLimits } from './prg-ball-limits.js';
export { exportPropPrg, propToPrgProgram, prgPixels } from './export-prop-prg.js';
export { importPrg, programToShow, type ImportNames } from './import-prg.js';
export * from './prg-json.js';
export { importPrgJson, prgJsonToProgram } from './prg-json-to-program.js';
export { exportPropPrgJson, programToPrgJson } from './program-to-prg-json.js';
export * from './smproj.js';
export { importSmproj, type SmprojImport } from './import-smproj.js';
