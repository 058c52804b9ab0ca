import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daysFromCivil,
  parseAzureTimestamp,
  ticksBetween,
} from "../../sim/traces/azureTimestamp.ts";

describe("daysFromCivil", () => {
  it("counts 1970-01-01 as day 0", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
  });

  it("daysFromCivil(2023, 11, 16) is 19,677 (53 years with 13 leap days, then 319 days)", () => {
    // 53·365 + 13 = 19,358 days to 2023-01-01; Jan–Oct hold 304 days; +15 days into November.
    expect(daysFromCivil(2023, 11, 16)).toBe(19_677);
  });

  it("counts the leap day of 2000 (a century divisible by 400): 2000-03-01 is day 11,017", () => {
    // 30·365 + 7 leap days = 10,957 to 2000-01-01, then 31 + 29 days.
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
  });

  it("counts days before 1970 as negative: 1969-12-31 is day -1", () => {
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
  });

  it("agrees with Date.UTC (a UTC-only API, no time zone involved) on any date", () => {
    const dateArb = fc.date({ min: new Date("0100-01-01T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(dateArb, (date) => {
        const year = date.getUTCFullYear();
        const month = date.getUTCMonth() + 1;
        const day = date.getUTCDate();
        expect(daysFromCivil(year, month, day)).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
      }),
    );
  });
});

describe("parseAzureTimestamp", () => {
  it("reads the fraction as 100 ns ticks: .0010000 is 10,000 ticks", () => {
    const timestamp = parseAzureTimestamp("2023-11-16 18:15:46.0010000");
    expect(timestamp).toEqual({
      dayNumber: 19_677,
      tickOfDay: (18 * 3600 + 15 * 60 + 46) * 10_000_000 + 10_000,
    });
  });

  it("pads a shorter fraction on the right: .001 equals .0010000", () => {
    expect(parseAzureTimestamp("2023-11-16 18:15:46.001")).toEqual(
      parseAzureTimestamp("2023-11-16 18:15:46.0010000"),
    );
  });

  it("reads the same instant whatever process.env.TZ says (it never uses local time)", () => {
    const before = parseAzureTimestamp("2023-11-16 18:15:46.0010000");
    const savedZone = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      expect(parseAzureTimestamp("2023-11-16 18:15:46.0010000")).toEqual(before);
    } finally {
      if (savedZone === undefined) delete process.env.TZ;
      else process.env.TZ = savedZone;
    }
  });

  it.each([
    "2023-11-16 18:15",
    "2023-11-16 18:15:46.00100001",
    "16/11/2023 18:15:46",
    "2023-02-29 00:00:00",
    "2023-13-01 00:00:00",
    "2023-11-16 24:00:00",
    "2023-11-16 18:60:00",
    "",
  ])("parseAzureTimestamp(%j) is undefined (malformed or not a real time)", (text) => {
    expect(parseAzureTimestamp(text)).toBeUndefined();
  });

  it("accepts the leap day of a leap year: 2024-02-29", () => {
    expect(parseAzureTimestamp("2024-02-29 00:00:00")).toBeDefined();
  });
});

describe("ticksBetween", () => {
  it("spans midnight: 23:59:59.9999999 to 00:00:00.0000000 the next day is one tick", () => {
    const before = parseAzureTimestamp("2023-11-16 23:59:59.9999999")!;
    const after = parseAzureTimestamp("2023-11-17 00:00:00.0000000")!;
    expect(ticksBetween(before, after)).toBe(1);
  });

  it("spans a leap day: 2024-02-28 23:59:59 to 2024-03-01 00:00:00 is 86,401 s", () => {
    const before = parseAzureTimestamp("2024-02-28 23:59:59")!;
    const after = parseAzureTimestamp("2024-03-01 00:00:00")!;
    expect(ticksBetween(before, after)).toBe(86_401 * 10_000_000);
  });

  it("is negative when the second instant comes first", () => {
    const early = parseAzureTimestamp("2023-11-16 18:15:46.0000000")!;
    const late = parseAzureTimestamp("2023-11-16 18:15:46.0000003")!;
    expect(ticksBetween(late, early)).toBe(-3);
  });
});
