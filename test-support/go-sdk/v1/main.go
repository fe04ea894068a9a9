// The AWS SDK for Go v1's default credential chain, as a Go program on the user's machine runs it.
// Prints one JSON line: the access key id it resolved, or the error it met.
package main

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go/aws/session"
)

func main() {
	result := map[string]interface{}{"ok": false}
	sess, err := session.NewSession()
	if err == nil {
		creds, getErr := sess.Config.Credentials.Get()
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
