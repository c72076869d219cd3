import { stackSuite } from "./stack-suite";

stackSuite("prod");
