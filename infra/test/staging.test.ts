import { CONTAINER_VARIANT } from "./container-variant";
import { stackSuite } from "./stack-suite";

stackSuite("staging");
stackSuite("staging", CONTAINER_VARIANT);
