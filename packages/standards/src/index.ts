// @shuzheng/standards — browser-safe entry: Chinese national standards for identifiers (incl.
// e-license identifiers), divisions, the working-day calendar and display masking. Node-only
// cryptography lives in '@shuzheng/standards/crypto', electronic seals (GB/T 38540) in
// '@shuzheng/standards/seal'.

export { CalendarYearMissingError, createWorkingCalendar, officialSchedule } from './calendar.ts';
export { addCalendarDays, parseIsoDate, shanghaiDate } from './civil-date.ts';
export { CSV_BOM, csvCell, csvLine } from './csv.ts';
export type { CalendarDate, HolidaySchedule, WorkingCalendar, YearSchedule } from './calendar.ts';
export { generateCreditCode, randomCreditCode, validateCreditCode } from './credit-code.ts';
export type {
  CreditCodeInfo,
  CreditCodeInvalidReason,
  CreditCodeSpec,
  CreditCodeValidation,
  RandomCreditCodeOptions,
} from './credit-code.ts';
export {
  DIVISION_SOURCE,
  childDivisions,
  divisionFullName,
  divisionPath,
  getDivision,
  isKnownDivision,
} from './divisions.ts';
export type { Division, DivisionLevel } from './divisions.ts';
export {
  InvalidIdNumberError,
  generateIdNumber,
  parseIdNumber,
  randomIdNumber,
  validateIdNumber,
} from './id-number.ts';
export type {
  Gender,
  IdNumberInfo,
  IdNumberInvalidReason,
  IdNumberOptions,
  IdNumberSpec,
  IdNumberValidation,
  RandomIdNumberOptions,
} from './id-number.ts';
export { CREDIT_CODE_CHARSET, creditCodeCheckChar, mod11_2, mod37_36, orgCodeCheckChar } from './iso7064.ts';
export {
  LICENSE_ID_ROOT,
  licenseIdCheckChar,
  makeLicenseId,
  parseLicenseId,
  validateLicenseId,
} from './license-id.ts';
export type {
  LicenseIdField,
  LicenseIdOptions,
  LicenseIdParseResult,
  LicenseIdParts,
  LicenseIdProblem,
  LicenseIdSpec,
} from './license-id.ts';
export {
  FULL_MASK,
  maskAddress,
  maskBankCard,
  maskCreditCode,
  maskIdNumber,
  maskName,
  maskPhone,
  maskValue,
} from './masking.ts';
export type { MaskGrade, MaskKind, SensitivityLevel } from './masking.ts';
export { createRng } from './rng.ts';
export type { Rng } from './rng.ts';
