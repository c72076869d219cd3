import { type DynamoDBDocumentClient, PutCommand, type UpdateCommand } from "@aws-sdk/lib-dynamodb";

/**
 * Sends a conditional put or update: true when it wrote, false when its condition did not hold (and it
 * wrote nothing). A failed condition is an answer to the caller, not an error; any other failure is
 * thrown as it came.
 */
export async function writeIf(
  client: DynamoDBDocumentClient,
  command: PutCommand | UpdateCommand,
): Promise<boolean> {
  try {
    // Two calls only for the compiler: `send` is typed per command.
    await (command instanceof PutCommand ? client.send(command) : client.send(command));
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}
