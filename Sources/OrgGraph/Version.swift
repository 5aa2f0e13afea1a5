/// This version of OrgGraph, as `orggraph --version` prints it.
public let orgGraphVersion = "0.1.0"
