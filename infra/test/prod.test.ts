import { LAMBDA_VARIANT, TWO_CONTAINERS_VARIANT } from "./container-variant";
import { stackSuite } from "./stack-suite";

stackSuite("prod");
stackSuite("prod", LAMBDA_VARIANT);
stackSuite("prod", TWO_CONTAINERS_VARIANT);
