// @shuzheng/standards — browser-safe entry: Chinese national standards for identifiers,
// divisions, the working-day calendar and display masking. Node-only cryptography lives in
// '@shuzheng/standards/crypto'.

export { CalendarYearMissingError, createWorkingCalendar, officialSchedule } from './calendar.ts';
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
