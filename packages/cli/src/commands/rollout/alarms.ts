import { type CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";

/** DescribeAlarms takes at most this many names per request. */
const NAMES_PER_REQUEST = 100;

/** The stack's alarms that are firing now (state ALARM); INSUFFICIENT_DATA is quiet, as no data breaches. */
export async function firingAlarms(
  cloudwatch: CloudWatchClient,
  names: readonly string[],
): Promise<string[]> {
  const alarms: MetricAlarm[] = [];
  for (let start = 0; start < names.length; start += NAMES_PER_REQUEST) {
    let token: string | undefined;
    do {
      const page = await cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmNames: names.slice(start, start + NAMES_PER_REQUEST),
          AlarmTypes: ["MetricAlarm"],
          NextToken: token,
        }),
      );
      alarms.push(...(page.MetricAlarms ?? []));
      token = page.NextToken;
    } while (token !== undefined);
  }
  return alarms.filter((a) => a.StateValue === "ALARM").map((a) => a.AlarmName ?? "?");
}
