import { LAMBDA_VARIANT } from "./container-variant";
import { stackSuite } from "./stack-suite";

stackSuite("dev");
stackSuite("dev", LAMBDA_VARIANT);
