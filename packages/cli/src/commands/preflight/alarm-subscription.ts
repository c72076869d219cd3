import { ListSubscriptionsByTopicCommand, type SNSClient, type Subscription } from "@aws-sdk/client-sns";
import type { StackPlan } from "@orderflow/infra/stack-plan";
import { awsErrorFix, awsErrorText } from "../aws-error-text";
import { type CheckResult, fail, pass, skip } from "./check-result";

const CHECK = "alarm-subscription";

/** What SNS shows as the ARN of a subscription whose endpoint has not confirmed it yet. */
const PENDING = "PendingConfirmation";

/**
 * After the first deploy: every subscription of the alarm topic is confirmed, or alarms page no one. An
 * e-mail address is shown (it is plain config); a webhook only by protocol (its URL is a secret).
 */
export async function checkAlarmSubscription(
  plan: StackPlan,
  topicArn: string | undefined,
  sns: SNSClient,
): Promise<CheckResult> {
  if (topicArn === undefined) return skip(CHECK, "not deployed yet: checked after the first pulumi up");
  let subscriptions: Subscription[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: token }),
      );
      subscriptions = [...subscriptions, ...(page.Subscriptions ?? [])];
      token = page.NextToken;
    } while (token !== undefined);
  } catch (error) {
    return fail(CHECK, awsErrorText(error), awsErrorFix(error, "sns:ListSubscriptionsByTopic"));
  }
  const shown = (s: Subscription) =>
    s.Protocol === "email" ? `e-mail ${s.Endpoint}` : `${s.Protocol} endpoint`;
  const pending = subscriptions.filter((s) => s.SubscriptionArn === PENDING);
  if (pending.length > 0) {
    return fail(
      CHECK,
      `not confirmed: ${pending.map(shown).join(", ")}`,
      "confirm it: the link in the AWS Notification e-mail (check spam), or the webhook's SubscriptionConfirmation " +
        `request; after 3 days unconfirmed it lapses, then pulumi up -s ${plan.stack} --refresh subscribes again`,
    );
  }
  if (subscriptions.length === 0 && plan.settings.tier !== "development") {
    return fail(
      CHECK,
      "the alarm topic has no subscription",
      `set orderflow:alarmEmail and run pulumi up -s ${plan.stack}`,
    );
  }
  return pass(
    CHECK,
    subscriptions.length === 0
      ? "no subscription (development)"
      : `confirmed: ${subscriptions.map(shown).join(", ")}`,
  );
}
