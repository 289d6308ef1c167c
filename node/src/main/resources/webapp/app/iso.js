// Checks for the ISO identifiers a referral carries, as the chaincode checks them again.

/** ISO 10962 CFI: six letters; the first is the category (E, D, C, O, F, S, H, I, J, K, L, T, M, R). */
export function cfi(v) {
  if (!v) return '';
  if (!/^[A-Z]{6}$/.test(v)) return 'A CFI code is six capital letters (ISO 10962), e.g. FFICSX.';
  if (!'EDCOFSHIJKLTMR'.includes(v[0])) return `"${v[0]}" is not an ISO 10962 category.`;
  return '';
}

/** ISO 10383 MIC: four letters or digits. */
export function mic(v) {
  if (!v) return '';
  return /^[A-Z0-9]{4}$/.test(v) ? '' : 'A MIC is four capital letters or digits (ISO 10383), e.g. XCME.';
}

/** ISO 24165 DTI: nine characters, no vowels, first not zero. */
export function dti(v) {
  if (!v) return '';
  return /^[1-9B-DF-HJ-NP-TV-Z][0-9B-DF-HJ-NP-TV-Z]{8}$/.test(v)
    ? ''
    : 'A DTI is nine characters of digits and consonants (ISO 24165), not starting with 0.';
}

/** ISO 17442 LEI: 20 characters with valid ISO 7064 check digits. */
export function lei(v) {
  if (!v) return '';
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(v)) return 'An LEI is 18 letters or digits and 2 check digits.';
  let rem = 0;
  for (const ch of v) {
    const n = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of n) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1 ? '' : 'The LEI check digits do not match (ISO 17442).';
}

/** ISO 3166-1 alpha-2 country codes. */
export const COUNTRIES = ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ '
  + 'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR '
  + 'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP '
  + 'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT '
  + 'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW '
  + 'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG '
  + 'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW').split(' ');

export function country(v) {
  if (!v) return '';
  return COUNTRIES.includes(v) ? '' : 'Not an ISO 3166-1 alpha-2 country code, e.g. CH.';
}

/** The instrument classes a scope covers: each listed class and the crypto classes refining it. */
const REFINES = { PERPETUAL_FUTURE: 'FUTURE', DATED_FUTURE: 'FUTURE', CRYPTO_OPTION: 'LISTED_OPTION', MARGIN_LENDING_ENGINE: 'FINANCING' };
export const INSTRUMENT_CLASSES = ['LISTED_OPTION', 'NON_LISTED_OPTION', 'FUTURE', 'SWAP', 'SPOT', 'FORWARD', 'FINANCING',
  'PERPETUAL_FUTURE', 'DATED_FUTURE', 'CRYPTO_OPTION', 'MARGIN_LENDING_ENGINE'];
export function coveredInstruments(scope) {
  return INSTRUMENT_CLASSES.filter((c) => scope.includes(c) || scope.includes(REFINES[c]));
}

export const MARKET_ABUSE = ['SPOOFING', 'LAYERING', 'WASH_TRADING', 'PUMP_AND_DUMP', 'FRONT_RUNNING', 'INSIDER_DEALING',
  'MARKING_THE_CLOSE', 'ORACLE_MANIPULATION', 'CROSS_VENUE_MANIPULATION'];
export const STATUSES = ['SUBMITTED', 'ACKNOWLEDGED', 'UNDER_INVESTIGATION', 'INFORMATION_REQUESTED', 'CLOSED', 'DECLINED'];
export const OUTCOMES = ['ENFORCEMENT_ACTION', 'SANCTION_IMPOSED', 'REFERRED_TO_PROSECUTOR', 'INFORMATION_PROVIDED', 'NO_FURTHER_ACTION'];
export const USES = ['MARKET_SURVEILLANCE', 'INVESTIGATION', 'ENFORCEMENT', 'SUPERVISION', 'CRIMINAL_REFERRAL'];
export const DATA_CLASSES = ['TRADE_DATA', 'ORDER_BOOK_DATA', 'ACCOUNT_IDENTITY', 'BENEFICIAL_OWNERSHIP', 'ON_CHAIN_ANALYTICS',
  'COMMUNICATIONS_RECORDS', 'BANK_RECORDS', 'ILLICIT_ACTIVITY_FLAGS'];
