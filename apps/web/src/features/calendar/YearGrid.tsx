import { memo } from 'react';
import dayjs from 'dayjs';
import { isoDate, weekdayMondayFirst } from './calendar-dates';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

export interface YearGridProps {
  year: number;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** Makes days clickable (the editor cycles 正常 → 休 → 班). */
  onDayClick?: (iso: string) => void;
}

/** Twelve small month grids: 休 (official day off), 班 (weekend working day), weekends greyed. */
export const YearGrid = memo(function YearGrid({ year, holidays, workdays, onDayClick }: YearGridProps) {
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <div className="cal-year">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
        <Month key={month} year={year} month={month} holidays={holidays} workdays={workdays} today={today} onDayClick={onDayClick} />
      ))}
    </div>
  );
});

function Month({ year, month, holidays, workdays, today, onDayClick }: Omit<YearGridProps, 'year'> & { year: number; month: number; today: string }) {
  const first = isoDate(year, month, 1)!;
  const lead = weekdayMondayFirst(first);
  const days: string[] = [];
  for (let d = 1; d <= 31; d++) {
    const iso = isoDate(year, month, d);
    if (iso) days.push(iso);
  }
  return (
    <section className="cal-month" aria-label={`${year}年${month}月`}>
      <div className="cal-month-title">{month} 月</div>
      <div className="cal-grid">
        {WEEKDAYS.map((w) => (
          <div key={w} className="cal-weekday">
            {w}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {days.map((iso) => {
          const weekend = weekdayMondayFirst(iso) >= 5;
          const holiday = holidays.has(iso);
          const workday = workdays.has(iso);
          const cls = [
            'cal-day',
            holiday ? 'cal-day-holiday' : workday ? 'cal-day-workday' : weekend ? 'cal-day-weekend' : '',
            iso === today ? 'cal-day-today' : '',
          ].join(' ');
          const label = `${iso}${holiday ? ' 放假' : workday ? ' 调休上班' : weekend ? ' 周末' : ''}`;
          const content = (
            <>
              {Number(iso.slice(8))}
              {holiday ? <span className="cal-day-tag">休</span> : workday ? <span className="cal-day-tag">班</span> : null}
            </>
          );
          return onDayClick ? (
            <button
              key={iso}
              type="button"
              className={cls}
              title={label}
              aria-label={label}
              onClick={() => onDayClick(iso)}
              style={{ border: 0, cursor: 'pointer', font: 'inherit', background: holiday || workday ? undefined : 'transparent' }}
            >
              {content}
            </button>
          ) : (
            <div key={iso} className={cls} title={label}>
              {content}
            </div>
          );
        })}
      </div>
    </section>
  );
}

export function CalendarLegend() {
  return (
    <span style={{ display: 'inline-flex', gap: 16, flexWrap: 'wrap' }}>
      <span className="cal-legend">
        <span className="cal-legend-swatch" style={{ background: '#fff1f0', border: '1px solid #ffa39e' }} />
        休：法定节假日（含调休放假）
      </span>
      <span className="cal-legend">
        <span className="cal-legend-swatch" style={{ background: '#f0f5ff', border: '1px solid #adc6ff' }} />
        班：周末调休上班
      </span>
      <span className="cal-legend">
        <span className="cal-legend-swatch" style={{ background: '#fff', border: '1px solid #d9d9d9' }} />
        灰色日期：周六、周日
      </span>
    </span>
  );
}
