import { CONTAINER_VARIANT } from "./container-variant";
import { stackSuite } from "./stack-suite";

stackSuite("prod");
stackSuite("prod", CONTAINER_VARIANT);
