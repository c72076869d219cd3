import { stackSuite } from "./stack-suite";

stackSuite("dev");
