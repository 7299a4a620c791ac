// Dates in the Vietnamese way (dd/mm/yyyy), money in đồng with thousands separators.
const ZONE = "Asia/Ho_Chi_Minh";

const dateFormat = new Intl.DateTimeFormat("vi-VN", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("vi-VN", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: ZONE,
});
const numberFormat = new Intl.NumberFormat("vi-VN");
const percentFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

function parts(format, value) {
  return Object.fromEntries(format.formatToParts(value).map((p) => [p.type, p.value]));
}

/** "2026-11-29" (or a date-time) → "29/11/2026". */
export function formatDate(isoDate) {
  if (!isoDate) return "";
  const day = String(isoDate).slice(0, 10);
  const value = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(value.getTime())) return String(isoDate);
  const p = parts(dateFormat, value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant → "29/11/2026 14:05", in Vietnam time. */
export function formatDateTime(isoDateTime) {
  if (!isoDateTime) return "";
  const value = new Date(isoDateTime);
  if (Number.isNaN(value.getTime())) return String(isoDateTime);
  const p = parts(dateTimeFormat, value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** 1234567 → "1.234.567 ₫". Accepts numbers or decimal strings. */
export function formatDong(amount) {
  if (amount === null || amount === undefined || amount === "") return "";
  return `${numberFormat.format(Math.round(Number(amount)))} ₫`;
}

/** A number of per cent (0–100) → "45%" or "45,5%". */
export function formatPercent(percent) {
  if (percent === null || percent === undefined || percent === "") return "";
  return `${percentFormat.format(Number(percent))}%`;
}

/** A plain number with Vietnamese separators. */
export function formatNumber(value) {
  if (value === null || value === undefined || value === "") return "";
  return numberFormat.format(Number(value));
}

/** Today's date in Vietnam, "YYYY-MM-DD". */
export function todayIso() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());
}

/** A Vietnam-time date and optional "HH:MM[:SS]" → an instant with its zone, for `asOf`. */
export function vietnamInstant(isoDate, time = "23:59:59") {
  const clock = time.length === 5 ? `${time}:00` : time;
  return `${isoDate}T${clock}+07:00`;
}

/**
 * A date typed the Vietnamese way, "29/11/2026" (also "29-11-2026", "29.11.2026", "2026-11-29"),
 * → "2026-11-29"; null if it is not a real date.
 */
export function parseDate(text) {
  const value = String(text ?? "").trim();
  let day;
  let month;
  let year;
  let found = value.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (found) [, day, month, year] = found;
  else {
    found = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    if (!found) return null;
    [, year, month, day] = found;
  }
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A time of day typed as "14:05" or "14:05:30" (24-hour) → "14:05[:30]"; null if not one. */
export function parseTime(text) {
  const found = String(text ?? "").trim().match(/^(\d{1,2})[:h.](\d{2})(?::(\d{2}))?$/);
  if (!found) return null;
  const [, hour, minute, second] = found;
  if (Number(hour) > 23 || Number(minute) > 59 || (second && Number(second) > 59)) return null;
  const clock = `${hour.padStart(2, "0")}:${minute}`;
  return second ? `${clock}:${second}` : clock;
}
