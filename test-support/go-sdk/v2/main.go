// The AWS SDK for Go v2's default configuration and credential chain, as a Go program runs it.
// Prints one JSON line: the access key id it resolved, or the error it met.
package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/config"
)

func main() {
	ctx := context.Background()
	result := map[string]interface{}{"ok": false}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err == nil {
		creds, getErr := cfg.Credentials.Retrieve(ctx)
		if getErr == nil {
			result = map[string]interface{}{"ok": true, "accessKeyId": creds.AccessKeyID}
		}
		err = getErr
	}
	if err != nil {
		result["message"] = err.Error()
	}
	out, _ := json.Marshal(result)
	fmt.Println(string(out))
}
