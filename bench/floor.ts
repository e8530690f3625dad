// The floor of the offline plan: start Node (through tsx, as the plan does) and import
// the SDK modules the program uses, then exit. Nothing is registered.
import "@pulumi/pulumi";
import "@pulumi/aws";
import "@pulumi/kubernetes";
import "@pulumi/random";
import "@pulumi/tls";
