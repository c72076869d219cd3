// @pulumi/pulumi declares `typescript` as a peer and uses its JS API in the Pulumi CLI's policy-pack runner
// (which always registers ts-node) and in closure serialization. TypeScript 7, which the rest of the
// workspace uses for typechecking, has no JS API, so @pulumi/pulumi gets its own TypeScript 5.9.
// (pnpm's packageExtensions/overrides cannot do this: the peer would still resolve to the root's TS 7.)
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === "@pulumi/pulumi") {
        if (pkg.peerDependencies) delete pkg.peerDependencies.typescript;
        pkg.dependencies = { ...pkg.dependencies, typescript: "5.9.3" };
      }
      return pkg;
    },
  },
};
