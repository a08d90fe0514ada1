/** `npm run calibration`: the calibration table with ratios (tests/calibration/cases.ts). */
import { calibrateAll, calibrationTable } from "./calibrate";

const results = calibrateAll();
console.log(calibrationTable(results));
process.exitCode = results.every((r) => r.pass || r.case.knownMiss) ? 0 : 1;
