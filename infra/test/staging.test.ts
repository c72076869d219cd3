import { LAMBDA_VARIANT } from "./container-variant";
import { stackSuite } from "./stack-suite";

stackSuite("staging");
stackSuite("staging", LAMBDA_VARIANT);
