// Jest setup: the SDK's notice that its future versions need Node 22 is noise in test logs on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
