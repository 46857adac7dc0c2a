import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Col, Drawer, Flex, Input, Row, Typography } from 'antd';
import { officialSchedule } from '@shuzheng/standards';
import { api } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { isWeekend, parseDates } from './calendar-dates';
import { CalendarLegend, YearGrid } from './YearGrid';

export interface YearSchedule {
  year: number;
  holidays: string[];
  workdays: string[];
  source?: 'official' | 'local';
  note?: string | null;
}

export interface YearScheduleDrawerProps {
  open: boolean;
  year: number;
  /** The current schedule, or null when the year has none yet. */
  schedule: YearSchedule | null;
  onClose: () => void;
  onSaved: (schedule: YearSchedule) => void;
}

const MAX_HOLIDAYS = 120;
const MAX_WORKDAYS = 30;

/** 录入 / 修改 a year's schedule: paste dates or click days on the calendar. */
export function YearScheduleDrawer({ open, year, schedule, onClose, onSaved }: YearScheduleDrawerProps) {
  const [holidayText, setHolidayText] = useState('');
  const [workdayText, setWorkdayText] = useState('');
  const [note, setNote] = useState('');
  const { submitting, run } = useSubmit();

  useEffect(() => {
    if (!open) return;
    setHolidayText((schedule?.holidays ?? []).join('\n'));
    setWorkdayText((schedule?.workdays ?? []).join('\n'));
    setNote(schedule?.note ?? '');
  }, [open, schedule]);

  const holidays = useMemo(() => parseDates(holidayText, year), [holidayText, year]);
  const workdays = useMemo(() => parseDates(workdayText, year), [workdayText, year]);
  const holidaySet = useMemo(() => new Set(holidays.dates), [holidays.dates]);
  const workdaySet = useMemo(() => new Set(workdays.dates), [workdays.dates]);

  const problems: string[] = [
    ...holidays.errors.map((e) => `放假日期：${e}`),
    ...workdays.errors.map((e) => `调休上班日期：${e}`),
  ];
  const overlap = holidays.dates.filter((d) => workdaySet.has(d));
  if (overlap.length > 0) problems.push(`以下日期同时出现在放假和调休上班中：${overlap.join('、')}`);
  if (holidays.dates.length > MAX_HOLIDAYS) problems.push(`放假日期不能超过 ${MAX_HOLIDAYS} 天`);
  if (workdays.dates.length > MAX_WORKDAYS) problems.push(`调休上班日期不能超过 ${MAX_WORKDAYS} 天`);
  const weekdayWorkdays = workdays.dates.filter((d) => !isWeekend(d));

  const official = officialSchedule[String(year)];

  // Clicking a day cycles 正常 → 休 → 班 → 正常; the lists are rewritten one date per line.
  const cycle = (iso: string) => {
    const h = new Set(holidaySet);
    const w = new Set(workdaySet);
    if (h.has(iso)) {
      h.delete(iso);
      w.add(iso);
    } else if (w.has(iso)) {
      w.delete(iso);
    } else {
      h.add(iso);
    }
    setHolidayText([...h].sort().join('\n'));
    setWorkdayText([...w].sort().join('\n'));
  };

  const save = async () => {
    const body = { holidays: holidays.dates, workdays: workdays.dates, ...(note.trim() ? { note: note.trim() } : {}) };
    const result = await run(() => api.put<YearSchedule>(`/calendar/years/${year}`, body), { success: `${year} 年节假日安排已保存` });
    if (result.ok) onSaved(result.value);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={schedule ? `修改 ${year} 年节假日安排` : `录入 ${year} 年节假日安排`}
      size={1040}
      destroyOnHidden
      mask={{ closable: !submitting }}
      footer={
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary">
            放假 {holidays.dates.length} 天，调休上班 {workdays.dates.length} 天
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose} disabled={submitting}>
              取消
            </Button>
            <Button type="primary" loading={submitting} disabled={problems.length > 0} onClick={() => void save()}>
              保存
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="请以国务院办公厅发布的当年《关于部分节假日安排的通知》为准"
        description="放假日期应包含放假期间的周六、周日；调休上班日期为需要上班的周六、周日。可以逐行粘贴日期或日期范围（如 2026-10-01~2026-10-08、10月1日至8日），也可以直接点击下方日历切换：正常 → 休 → 班。"
        action={
          official ? (
            <Button
              size="small"
              onClick={() => {
                setHolidayText(official.holidays.join('\n'));
                setWorkdayText(official.workdays.join('\n'));
                setNote('国务院办公厅节假日安排');
              }}
            >
              填入国务院公布的安排
            </Button>
          ) : undefined
        }
      />
      <Row gutter={16}>
        <Col span={9}>
          <Typography.Text strong>放假日期</Typography.Text>
          <Input.TextArea
            value={holidayText}
            onChange={(e) => setHolidayText(e.target.value)}
            autoSize={{ minRows: 6, maxRows: 12 }}
            placeholder={`${year}-01-01\n${year}-10-01~${year}-10-08`}
            style={{ marginTop: 6, fontFamily: 'monospace' }}
            aria-label="放假日期"
          />
        </Col>
        <Col span={9}>
          <Typography.Text strong>调休上班日期</Typography.Text>
          <Input.TextArea
            value={workdayText}
            onChange={(e) => setWorkdayText(e.target.value)}
            autoSize={{ minRows: 6, maxRows: 12 }}
            placeholder={`${year}-09-27`}
            style={{ marginTop: 6, fontFamily: 'monospace' }}
            aria-label="调休上班日期"
          />
        </Col>
        <Col span={6}>
          <Typography.Text strong>说明</Typography.Text>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={200}
            showCount
            autoSize={{ minRows: 6, maxRows: 12 }}
            placeholder="如：依据国务院办公厅当年节假日安排通知录入"
            style={{ marginTop: 6 }}
            aria-label="说明"
          />
        </Col>
      </Row>
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title="请修正以下问题后保存"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.slice(0, 8).map((p) => <li key={p}>{p}</li>)}
              {problems.length > 8 ? <li>另有 {problems.length - 8} 处问题</li> : null}
            </ul>
          }
        />
      ) : weekdayWorkdays.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={`以下调休上班日期不是周六或周日，请确认：${weekdayWorkdays.join('、')}`}
        />
      ) : null}
      <Flex justify="space-between" align="center" style={{ margin: '20px 0 12px' }} wrap gap={8}>
        <Typography.Text strong>{year} 年预览（点击日期可切换）</Typography.Text>
        <CalendarLegend />
      </Flex>
      <YearGrid year={year} holidays={holidaySet} workdays={workdaySet} onDayClick={cycle} />
    </Drawer>
  );
}
