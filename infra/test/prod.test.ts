import { LAMBDA_VARIANT } from "./container-variant";
import { stackSuite } from "./stack-suite";

stackSuite("prod");
stackSuite("prod", LAMBDA_VARIANT);
