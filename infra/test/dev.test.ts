import { CONTAINER_VARIANT } from "./container-variant";
import { stackSuite } from "./stack-suite";

stackSuite("dev");
stackSuite("dev", CONTAINER_VARIANT);
