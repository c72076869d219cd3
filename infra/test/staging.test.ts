import { stackSuite } from "./stack-suite";

stackSuite("staging");
